"""What a person lives on while retraining: the options side by side, against income now.

Deliberately plain: gross monthly amounts, no tax or benefit calculation (that differs per
person and per municipality; the page says so and sends people to UWV or their municipality).
Options offered depend on the situation:
- learn-work wage, when the plan has a learn-work route (or a learn-work vacancy pays a wage);
- keeping a WW or bijstand benefit while studying, which UWV or the municipality must approve;
- learning beside work, when the weekly study load fits the hours the person can spare;
- stopping to learn full time, with only income schemes to live on.
"""

from __future__ import annotations

from dataclasses import dataclass

BENEFITS = ("ww", "bijstand")
WORKING = ("employed", "selfemployed")

TEXT = {
    "learn_work": ("Leerwerkbaan: je werkt en leert tegelijk, met loon.",
                   "Learn-work job: you work and learn at once, with a wage."),
    "keep_benefit": ("Uitkering houden tijdens de opleiding; UWV of de gemeente moet de "
                     "opleiding vooraf goedkeuren.",
                     "Keep your benefit while training; UWV or the municipality must approve "
                     "the training first."),
    "beside_work": ("Blijven werken en leren naast je werk ({load:.0f} uur per week).",
                    "Keep working and learn beside it ({load:.0f} hours a week)."),
    "full_time": ("Stoppen en voltijd leren: alleen inkomen uit regelingen.",
                  "Stop and learn full time: only income from schemes."),
}


@dataclass(frozen=True)
class IncomeOption:
    key: str
    text: str
    monthly: float | None  # gross per month; None when income now is unknown
    difference: float | None  # against income now
    months: float

    @property
    def total_difference(self) -> float | None:
        return None if self.difference is None else self.difference * self.months


def picture(situation: str | None, monthly_now: float | None, months: float,
            weekly_load: float, study_hours_per_week: float, *,
            learn_work_wage: float | None = None, income_support_monthly: float = 0.0,
            lang: str = "nl") -> list[IncomeOption]:
    en = 1 if lang == "en" else 0

    def option(key: str, monthly: float | None, **fmt: float) -> IncomeOption:
        difference = None if monthly is None or monthly_now is None else monthly - monthly_now
        return IncomeOption(key, TEXT[key][en].format(**fmt), monthly, difference, months)

    options = []
    if learn_work_wage:
        options.append(option("learn_work", learn_work_wage))
    if situation in BENEFITS:
        options.append(option("keep_benefit", None if monthly_now is None
                              else monthly_now + income_support_monthly))
    if situation in WORKING and weekly_load <= study_hours_per_week:
        options.append(option("beside_work", monthly_now, load=weekly_load))
    if situation not in BENEFITS:
        options.append(option("full_time", income_support_monthly))
    return options
