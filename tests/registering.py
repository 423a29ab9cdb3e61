"""Registering as a browser does: the form, then "Confirm and send" on the "check your answers" page."""


def register(client, data: dict, *, language: str = "en", follow: bool = False, **extra):
    """Post the form, then confirm. Returns the last response: the form again (with its errors), the closed page,
    or what "Confirm and send" answered (followed to the end with `follow`)."""
    answered = client.post(f"/{language}/register/", data, **extra)
    if answered.status_code != 302 or not answered["Location"].endswith("/register/check/"):
        return answered
    key = {"submission_key": data.get("submission_key", "")}
    return client.post(answered["Location"], key, follow=follow, **extra)
