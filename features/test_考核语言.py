from pytest_bdd import scenarios

scenarios("考核语言")
