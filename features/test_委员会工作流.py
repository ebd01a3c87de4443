from pytest_bdd import scenarios

scenarios("委员会工作流")
