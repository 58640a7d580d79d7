"""The small-cell rule of every pillar: no figure that leaves a pillar (a count, a rate, an
effect, a peer comparison) rests on fewer than MIN_CELL people or employers, so that no one can
be recognised in it. One number, imported by the evaluation, the monitor, matching's fairness
report, the self-scan's peer groups and the cohorts' outcome counts."""

MIN_CELL = 10
