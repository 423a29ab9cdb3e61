"""How every service saves what it validated itself."""

from django.db import models


def validated_save(instance: models.Model) -> None:
    """Check `instance`'s fields and save it.

    Uniqueness and constraints are the database's to enforce: a race ends in IntegrityError, which the calling
    service answers. Related rows the instance holds as objects were read from the database, and the foreign key
    keeps them there, so they are not looked up again (a query each, often while a lock is held).
    """
    held = [
        field.name
        for field in instance._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.is_cached(instance)
    ]
    instance.full_clean(exclude=held, validate_unique=False, validate_constraints=False)
    instance.save()
