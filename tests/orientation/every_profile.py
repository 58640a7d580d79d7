"""Run as `python -m tests.orientation.every_profile` in a real_env: the suggestions for every
code profile of the questionnaire as JSON, with what the tests check them against."""

import json

import django


def main() -> None:
    django.setup()
    from banenbrug.orientation import catalogue, questionnaire, suggest
    from banenbrug.orientation.onet import RIASEC

    cat = catalogue.get()
    out = []
    for code, profile in questionnaire.code_profiles():
        rows = []
        for s in suggest.suggest(profile, cat.candidates):
            values = cat.candidates.profiles[s.index]
            rows.append({"uri": s.uri, "label": cat.label(int(cat.candidate_rows[s.index]), "en"),
                         "isco": cat.candidates.isco[s.index], "technical": s.technical,
                         "core": bool(cat.candidates.core[s.index]),
                         "top3": "".join(RIASEC[k] for k in suggest.ranked_interests(values)[:3])})
        out.append({"code": code, "profile": profile.tolist(), "suggestions": rows})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
