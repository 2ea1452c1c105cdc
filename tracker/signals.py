"""Receivers of model signals: thin callers of services for changes any interface can make
(the pages, the admin, the API, commands); and the setup of each database connection."""

from django.conf import settings
from django.db.backends.signals import connection_created
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from tracker.services.accounts import user_access_revoke


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def _note_deactivation(sender, instance, update_fields=None, **kwargs):
    instance._deactivated = (
        instance.pk is not None
        and not instance.is_active
        and (update_fields is None or "is_active" in update_fields)
        and sender.objects.filter(pk=instance.pk, is_active=True).exists()
    )


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _revoke_access_on_new_credentials(sender, instance, created, **kwargs):
    # set_password keeps the new password in _password until the save after it is done (when
    # Django tells the password validators of the change); a hash upgrade at login does not,
    # as it is no change of password.
    password_changed = getattr(instance, "_password", None) is not None
    if not created and (password_changed or instance._deactivated):
        user_access_revoke(user=instance)


@receiver(connection_created)
def _jit_off(sender, connection, **kwargs):
    # PostgreSQL's JIT compiler off: the planner judges the dashboards' passes over every
    # measure of a cycle costly enough to compile, and compiling took longer than running them
    # (2.6 s of 3.7 s at 100,000 measures, tests/benchmarks/dashboard.py). On the driver's
    # connection, as Django sets the time zone: not a query of the request's.
    if connection.vendor == "postgresql":
        connection.connection.execute("SET jit = off")
