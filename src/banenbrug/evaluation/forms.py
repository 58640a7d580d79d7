from django import forms
from django.utils.translation import gettext_lazy as _

from banenbrug.evaluation.table_input import MAX_BYTES


class OutcomeUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand met uitkomsten"),
        help_text=_("Eén rij per persoon, deelnemers en vergelijkingsgroep; zie het sjabloon. "
                    "Geen namen of andere persoonsgegevens."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Het bestand is te groot (maximaal 50 MB)."))
        return upload
