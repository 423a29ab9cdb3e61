"""How every service saves what it validated itself."""

from django.db import models


def validated_save(instance: models.Model) -> None:
    """Check `instance`'s own fields and save it.

    Uniqueness, constraints and foreign keys are the database's to enforce: a race or a missing row ends in
    IntegrityError, which the calling service answers. Checking them here as well would cost a query each, often
    while a lock is held, for rows the service has just read.
    """
    foreign_keys = [
        field.name for field in instance._meta.concrete_fields if isinstance(field, models.ForeignKey)
    ]
    instance.full_clean(exclude=foreign_keys, validate_unique=False, validate_constraints=False)
    instance.save()
