"""Form helpers shared by every app."""

from django.core.exceptions import ValidationError


def attach_errors(form, error: ValidationError) -> None:
    """Show a service's ``ValidationError`` on ``form``: on its field when the form has that field,
    otherwise at the top of the form. Services raise; views call this; forms only clean."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
