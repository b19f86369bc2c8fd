"""Example analyst queries: the tabs GraphiQL opens with, and the README's examples.

tests/test_graphql_examples.py runs every one against the dev gold set, so they stay valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Example:
    title: str
    query: str
    variables: dict[str, Any] = field(default_factory=dict)


LEADERS = Example(
    "Leaders of an organization as of a date",
    """
query Leaders($name: String!, $on: Date!) {
  organizations(where: {name: {containsFold: $name}}, first: 5) {
    nodes {
      name
      leaders(on: $on) { leadership title term validFrom validUntil person { name } }
    }
  }
}""",
    {"name": "chi bo vien khoa hoc", "on": "2023-06-30"},
)

CAREER = Example(
    "A person's career, with where each fact was read",
    """
query Career($name: String!) {
  people(where: {name: {eqFold: $name}}) {
    nodes {
      name honorifics
      positions {
        title term validFrom validUntil firstSeen lastSeen
        organization { name ancestors { name } }
        sources { sentence article { title url published } }
      }
      participations { role meeting { name date } }
    }
  }
}""",
    {"name": "le tuan an"},
)

PROVINCE_MEETINGS = Example(
    "Meetings of a province's organizations in a year",
    """
query ProvinceMeetings($province: String!, $from: Date!, $to: Date!) {
  meetings(
    where: {date: {gte: $from, lte: $to}, host: {some: {OR: [{locality: {eqFold: $province}},
                                                             {name: {containsFold: $province}}]}}}
    sort: [{field: date}]
    first: 20
  ) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { name kind date location host { name } participants { role person { name } } }
  }
}""",
    {"province": "bac kan", "from": "2023", "to": "2023"},
)

PATH = Example(
    "Path between two people",
    """
query Path($a: String!, $b: String!) {
  a: people(where: {name: {eqFold: $a}}, first: 1) { nodes { id name } }
  b: people(where: {name: {eqFold: $b}}, first: 1) { nodes { id name } }
}
# then: query { shortestPath(from: "<a's id>", to: "<b's id>", maxHops: 6) {
#   length nodes { __typename id ... on Person { name } ... on Organization { name }
#                  ... on Post { title } ... on Meeting { name date } }
#   relationships { type label } } }""",
    {"a": "le tuan an", "b": "nguyen tien dung"},
)

PATH_BY_ID = Example(
    "Path between two nodes by id",
    """
query PathById($from: ID!, $to: ID!) {
  shortestPath(from: $from, to: $to, maxHops: 6) {
    length
    nodes { __typename id ... on Person { name } ... on Organization { name } ... on Post { title }
            ... on Meeting { name date } }
    relationships { type label }
  }
}""",
    {"from": "per:…", "to": "per:…"},
)

AGGREGATES = Example(
    "Counts: by type, meetings per organization and year, posts per organization",
    """
query Counts {
  statistics { nodes { type count } relationships { type count } }
  meetingsPerOrganizationYear(first: 10) { organization { name } year count }
  postsPerOrganization(first: 10) { organization { name } count }
}""",
)

EXAMPLES = (LEADERS, CAREER, PROVINCE_MEETINGS, PATH, PATH_BY_ID, AGGREGATES)
