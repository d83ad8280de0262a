"""Shared helpers for the journeymap test suite."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

import journeymap

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "documents"
EXPECTED = REPO / "tests" / "expected" / "documents.json"
EXAMPLES = REPO / "schema" / "examples"

# A small map in canonical form (exactly what to_dict() gives back): three
# stages, two personas, a loop, a conversion, a pain point with an opportunity.
SMALL: dict = {
    "format_version": 1,
    "name": "Tiny shop",
    "description": "Buying from a small web and high-street shop.",
    "personas": [
        {"id": "p-new", "name": "New customer", "goals": ["Find a gift"]},
        {"id": "p-loyal", "name": "Loyal customer"},
    ],
    "stages": [
        {"id": "visit", "name": "Visit", "kind": "awareness"},
        {"id": "buy", "name": "Buy", "kind": "purchase"},
        {"id": "return", "name": "Return", "kind": "retention"},
    ],
    "channels": [
        {"id": "web", "name": "Website", "kind": "digital"},
        {"id": "shop", "name": "High-street shop", "kind": "physical"},
    ],
    "teams": [
        {"id": "marketing", "name": "Marketing"},
        {"id": "sales", "name": "Sales"},
    ],
    "touchpoints": [
        {
            "id": "home",
            "name": "Home page",
            "stage": "visit",
            "channel": "web",
            "owner": "marketing",
            "emotion": {"score": 1, "label": "curious"},
        },
        {
            "id": "store",
            "name": "Store visit",
            "stage": "visit",
            "channel": "shop",
            "personas": ["p-loyal"],
        },
        {
            "id": "cart",
            "name": "Cart",
            "stage": "buy",
            "channel": "web",
            "owner": "sales",
            "emotion": {"score": -1},
            "pain_points": [
                {"id": "pp-shipping", "description": "Shipping cost shown late", "severity": "high"}
            ],
            "opportunities": [
                {
                    "id": "op-shipping",
                    "description": "Show shipping cost on the product page",
                    "addresses": ["pp-shipping"],
                    "status": "idea",
                }
            ],
        },
        {"id": "pay", "name": "Checkout", "stage": "buy", "channel": "web", "kind": "conversion"},
        {
            "id": "again",
            "name": "Repeat order",
            "stage": "return",
            "channel": "web",
            "personas": ["p-loyal"],
        },
    ],
    "transitions": [
        {"from": "home", "to": "cart"},
        {"from": "store", "to": "pay"},
        {"from": "cart", "to": "pay", "expected_rate": 0.4},
        {"from": "pay", "to": "again", "personas": ["p-loyal"]},
        {"from": "again", "to": "home", "loop": True},
    ],
    "objectives": [
        {
            "id": "obj-cart",
            "name": "Reduce cart abandonment",
            "kpis": [{"name": "Abandonment rate", "target": 55.0, "unit": "%"}],
            "conversion": {"touchpoint": "pay"},
        }
    ],
    "metadata": {
        "authors": ["Ana"],
        "created": "2026-01-05",
        "tags": ["retail"],
        "extra": {"region": "EU", "pilot": True},
    },
}


@pytest.fixture
def small_doc() -> dict:
    """A fresh deep copy of SMALL."""
    return copy.deepcopy(SMALL)


@pytest.fixture
def small(small_doc: dict) -> journeymap.JourneyMap:
    return journeymap.JourneyMap.from_dict(small_doc)


def ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]
