"""The private notification service, for every test of this folder that needs one."""

from tests.notify.test_desktop import start_service  # noqa: F401 - the fixture, shared
