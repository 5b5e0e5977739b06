"""Figure: UPR Info's coders against cobs's action-category classifier on Kazakhstan's 2014 UPR (one column).

Trained on the recommendations of Kazakhstan's first UPR (session 7, 2010), tested on its second (session 20,
2014): the bundled slice of UPR Info's export.
Run from the repository root:  .venv/bin/python examples/figure_confusion.py [FOLDER]
Writes FOLDER/action_category_confusion.pdf, .svg, .png (default folder: figures/) and prints their paths.
"""

import sys
from pathlib import Path

import cobs
import cobs.plot

ROOT = Path(__file__).resolve().parents[1]


def main(folder: Path = Path("figures")) -> list[Path]:
    upr = cobs.read_upr_info(ROOT / "corpus" / "upr" / "upr_info_kazakhstan.csv")
    upr = upr[upr["action"].notna()]
    train, test = upr[upr["session"] == 7], upr[upr["session"] == 20]
    model = cobs.ActionCategoryClassifier().fit(train["recommendation"], train["action"])
    table = cobs.confusion_table(test["action"], model.predict(test["recommendation"]))
    with cobs.plot.style("paper"):
        ax = cobs.plot.confusion(table)
        return cobs.plot.savefig(ax, Path(folder) / "action_category_confusion")


if __name__ == "__main__":
    for path in main(*(Path(a) for a in sys.argv[1:2])):
        print(path)
