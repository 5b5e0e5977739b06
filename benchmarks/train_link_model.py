"""Fit the UPR link model of ``cobs.compare.align`` on the hand-read gold and write ``cobs/data/upr_link_model.json``.

    python benchmarks/train_link_model.py            # write the model (make link-model)
    python benchmarks/train_link_model.py --check    # fit it again and say whether the shipped file is the same

The gold (``tests/data``): ``upr_gold.csv`` (KAZ, one coder), ``upr_heldout.csv`` (NZL, CRI, coders A and B) and
SLV and KOR read under the second codebook (``upr_heldout2_adjudicated.csv`` when it is there, else coder A of
``upr_heldout2.csv``), the six States of ``upr_heldout3.csv`` (ECU, CZE, CHL, PRT, DOM, BRA; coders C-F) and the
five of ``upr_heldout4.csv`` (ARG, PER, BEL, HUN, AUS; coders G, H) when they are there, each from UPR Info's
export and from the Working Group report's text; needs ../shared/data (the COs, the reports and the export).
Logistic regression (scikit-learn, liblinear, ``random_state=0``, ``C=10``) on the candidate pairs (score share
at least 0.3); the threshold is chosen leaving one State out (``cobs.compare._linkmodel.fit_link_model``).
"""

from __future__ import annotations

import argparse
import sys
import warnings

from bench_align import upr_link_model

from cobs.compare._linkmodel import MODEL_FILE, LinkModel


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    model = upr_link_model()
    print(model.to_frame().to_string(index=False))
    print(f"threshold {model.threshold:.2f}; {model.about}")
    if args.check:
        shipped = LinkModel.from_json(MODEL_FILE)
        same = (shipped.features == model.features and shipped.threshold == round(model.threshold, 6)
                and all(abs(a - b) < 1e-5 for a, b in zip(shipped.coefficients, model.coefficients, strict=True)))
        print("the shipped model is the same" if same else f"the shipped model ({MODEL_FILE}) differs")
        return 0 if same else 1
    model.to_json(MODEL_FILE)
    print(f"wrote {MODEL_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
