from pytest_bdd import scenarios

scenarios("评分")
