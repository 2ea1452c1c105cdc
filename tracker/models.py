from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The project's user, so that organisation and role can live on it (Django's advice:
    a custom user model from the first migration)."""
