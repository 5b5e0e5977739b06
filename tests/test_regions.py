"""cobs.reference.region, income_group, regions_table: UN regional groups and World Bank income groups of the States."""

from __future__ import annotations

import pytest
from conftest import shared_path

import cobs
from cobs.reference import AS_OF, INCOME_GROUPS, REGIONS, income_group, region, regions_table


def test_every_state_has_a_row_and_the_groups_have_their_members():
    table = regions_table()
    assert table["code"].tolist() == cobs.states_table()["code"].tolist()
    members = table[cobs.states_table()["status"].eq("member").to_numpy()]
    # the 193 Member States: 54 African, 54 Asia-Pacific (Kiribati since 2010), 23 Eastern European, 33 Latin
    # American and Caribbean, 28 Western European and Others and the United States (counted there for elections)
    assert members["region"].value_counts().to_dict() == {
        "African Group": 54, "Asia-Pacific Group": 54, "Latin American and Caribbean Group": 33,
        "Western European and Others Group": 29, "Eastern European Group": 23}
    assert set(table["region"].dropna()) == set(REGIONS)
    # World Bank FY2025 (1 July 2024): 26 low-income and 51 lower-middle-income economies, all of them States here
    # but for West Bank and Gaza (upper middle, as the State of Palestine); Venezuela unclassified
    counts = table["income_group"].value_counts().to_dict()
    assert counts["Low income"] == 26 and counts["Lower middle income"] == 51
    assert table.loc[table["income_group"].isna(), "code"].tolist() == ["VEN", "VAT", "COK", "NIU", "EU"]
    assert list(table["income_group"].cat.categories) == list(INCOME_GROUPS) and AS_OF == "2024-07-01"


def test_special_situations_are_noted():
    table = regions_table().set_index("code")
    assert region("KAZ") == "Asia-Pacific Group" and income_group("KAZ") == "Upper middle income"
    assert region("KIR") == "Asia-Pacific Group" and "2010" in table.loc["KIR", "note"]
    assert region("TUR") == region("ISR") == region("USA") == "Western European and Others Group"
    assert "Asia-Pacific" in table.loc["TUR", "note"] and "observer" in table.loc["USA", "note"]
    assert region("EU") is None and income_group("EU") is None and "CRPD" in table.loc["EU", "note"]
    assert (income_group("RUS"), income_group("BGR"), income_group("NAM")) == ("High income", "High income",
                                                                              "Lower middle income")
    with pytest.raises(ValueError, match="state_code"):
        region("Kazakhstan")
    with pytest.raises(TypeError, match="State code"):
        income_group(None)


@pytest.mark.real_data
def test_regional_groups_agree_with_upr_info():
    upr = cobs.read_upr_info(shared_path("upr-info-export-2018"))
    names = {"Africa": "African Group", "Asia": "Asia-Pacific Group", "EEG": "Eastern European Group",
             "GRULAC": "Latin American and Caribbean Group", "WEOG": "Western European and Others Group"}
    spelt = {"DPR Korea": "PRK", "Democratic Republic of Congo": "COD", "Guinea Bissau": "GNB", "Macedonia FYR": "MKD",
             "Republic of Congo": "COG", "Sao Tome & Principe": "STP", "St Kitts & Nevis": "KNA", "St Lucia": "LCA",
             "St Vincent & the Grenadines": "VCT"}  # UPR Info's spellings of 2018
    theirs = upr.groupby("state_under_review")["sur_group"].agg(lambda s: set(s))
    assert theirs.map(len).eq(1).all()
    differ, unknown = [], []
    for name, groups in theirs.items():
        try:
            code = spelt.get(name) or cobs.state_code(name)
        except ValueError:
            unknown.append(name)
            continue
        if region(code) != names[next(iter(groups))]:
            differ.append((name, groups, region(code)))
    assert unknown == [] and len(theirs) == 193
    assert differ == []


@pytest.mark.parametrize(("module", "name"), [("regions", "region"), ("labels", "GROUPS"), ("tags", "named_groups")])
def test_the_modules_of_earlier_releases_still_import_and_say_where_the_names_went(module, name):
    """cobs.reference.regions, .labels and .tags were public before their names moved to cobs.reference: an import
    of them keeps working, with a FutureWarning naming what to import instead."""
    import importlib
    import sys

    import cobs.reference

    sys.modules.pop(f"cobs.reference.{module}", None)
    with pytest.warns(FutureWarning, match=f"cobs.reference.{module} is deprecated.*from cobs.reference"):
        old = importlib.import_module(f"cobs.reference.{module}")
    assert getattr(old, name) is getattr(cobs.reference, name)
