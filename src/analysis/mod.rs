//! Analyses that compute facts from the IR and graphs for the checks and,
//! later, the documents and the report: which situations an applicant can be
//! in and what applies in each ([`situations`]), how long each takes ([`time`]) and what working days mean in calendar days
//! ([`calendar`]),
//! which materials data sharing supplies ([`sharing`]), how often an
//! applicant must come and how far the item can be handled online ([`visits`]),
//! what merging the items of a thing saves ([`bundles`]), and what an
//! applicant waits for when a centre of another level accepts ([`city_wide`]).

pub mod bundles;
pub mod calendar;
pub mod city_wide;
pub mod sharing;
pub mod situations;
pub mod time;
pub mod visits;
