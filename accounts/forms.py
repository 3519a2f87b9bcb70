from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.forms import Form

from .letterhead import DOCUMENT_KINDS


class LoginForm(AuthenticationForm):
    """The sign-in form, with labels and autocomplete hints for phones and password managers."""

    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}),
    )
    error_messages = {
        "invalid_login": _("Wrong user name or password. Both are case-sensitive."),
        "inactive": _("This account is disabled."),
    }
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class DocumentSettingsForm(Form):
    """Who receives each kind of the commune's documents in a year, one recipient a line, and who signs."""

    sign_authority = forms.CharField(label=capfirst(_("signing on behalf")), max_length=60, required=False)
    sign_title = forms.CharField(label=capfirst(_("title of the signer")), max_length=60, required=False)
    signer_name = forms.CharField(label=capfirst(_("name of the signer")), max_length=120, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, title in DOCUMENT_KINDS.items():
            self.fields[f"recipients_{kind}"] = forms.CharField(
                label=_("Recipients: %(document)s") % {"document": title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("One recipient a line. {cấp trên} is replaced by the area above on the document's date."),
            )

    def recipients(self) -> dict[str, list[str]]:
        return {
            kind: [line.strip() for line in self.cleaned_data[f"recipients_{kind}"].splitlines() if line.strip()]
            for kind in DOCUMENT_KINDS
        }
