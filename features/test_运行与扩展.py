from pytest_bdd import scenarios

scenarios("运行与扩展")
