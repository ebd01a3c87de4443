from pytest_bdd import scenarios

scenarios("标准与诊改")
