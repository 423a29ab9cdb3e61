"""Organisation identifiers, validated and normalised with python-stdnum.

Each function takes what a person typed and returns the canonical form, or raises ValidationError with a
message that says what is expected.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_countries import countries
from stdnum.ee import registrikood
from stdnum.eu import vat
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.lt import pvm
from stdnum.lv import pvn
from stdnum.pl import regon
from stdnum.util import clean

# VAT prefixes differ from ISO country codes in one case.
VAT_PREFIX = {"GR": "EL"}
GENERIC_CODE = re.compile(r"^[A-Z0-9][A-Z0-9./-]{1,30}$")


def normalise_registration_code(country: str, value: str) -> str:
    code = clean(value, " -./").upper()
    validator = _CODE_VALIDATORS.get(country, _generic_code)
    return validator(code)


def _lithuanian_code(code: str) -> str:
    # Lithuanian legal-entity codes (juridinio asmens kodas): 9 digits, the last a mod-11 check digit.
    if not (code.isdigit() and len(code) == 9):
        raise ValidationError(
            _("A Lithuanian company code has 9 digits, for example 188621919."), code="format"
        )
    if pvm.calc_check_digit(code[:-1]) != code[-1]:
        raise ValidationError(
            _("This is not a valid Lithuanian company code: check the digits."), code="checksum"
        )
    return code


def _latvian_code(code: str) -> str:
    # Latvian legal entities have an 11-digit registration number starting with 4 or 5 (pvn validates it).
    if not (code.isdigit() and len(code) == 11):
        raise ValidationError(
            _("A Latvian registration number has 11 digits, for example 40003245752."), code="format"
        )
    if code[0] not in "45" or not pvn.is_valid(code):
        raise ValidationError(
            _("This is not a valid Latvian registration number: check the digits."), code="checksum"
        )
    return code


def _estonian_code(code: str) -> str:
    if not (code.isdigit() and len(code) == 8):
        raise ValidationError(
            _("An Estonian registry code has 8 digits, for example 10137319."), code="format"
        )
    if not registrikood.is_valid(code):
        raise ValidationError(
            _("This is not a valid Estonian registry code: check the digits."), code="checksum"
        )
    return code


def _polish_code(code: str) -> str:
    # KRS numbers are 10 digits with no check digit; NIP (10) and REGON (9 or 14) have one.
    if code.isdigit() and len(code) == 10:
        return code
    if code.isdigit() and len(code) in (9, 14):
        if regon.is_valid(code):
            return code
        raise ValidationError(_("This is not a valid REGON number: check the digits."), code="checksum")
    raise ValidationError(
        _("Enter the KRS number (10 digits), the NIP (10 digits) or the REGON (9 or 14 digits)."),
        code="format",
    )


def _generic_code(code: str) -> str:
    if not GENERIC_CODE.match(code):
        raise ValidationError(
            _("Enter the organisation's registration code: 2 to 31 letters and digits."), code="format"
        )
    return code


_CODE_VALIDATORS = {"LT": _lithuanian_code, "LV": _latvian_code, "EE": _estonian_code, "PL": _polish_code}


def normalise_vat_code(country: str, value: str) -> str:
    """An EU VAT identification number for an EU country (with or without its prefix)."""
    code = clean(value, " -./").upper()
    if not code:
        return ""
    prefix = VAT_PREFIX.get(country, country)
    if country.lower() not in vat.MEMBER_STATES:
        if not GENERIC_CODE.match(code):
            raise ValidationError(_("Enter the VAT code with letters and digits only."), code="format")
        return code
    if not code.startswith(prefix):
        code = prefix + code
    try:
        return vat.validate(code)
    except StdnumError:
        raise ValidationError(
            _(
                "This is not a valid VAT code for %(country)s. It starts with %(prefix)s, for example %(example)s."
            ),
            code="invalid",
            params={
                "country": countries.name(country),
                "prefix": prefix,
                "example": VAT_EXAMPLES.get(prefix, prefix + "…"),
            },
        ) from None


VAT_EXAMPLES = {"LT": "LT100001919017", "LV": "LV40003245752", "EE": "EE100207415", "PL": "PL8567346215"}
