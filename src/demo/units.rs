//! The unit tree: a county company (or a city company with its counties) built from the
//! department and team templates in `data`, sized to the target head count.

use std::collections::BTreeMap;

use rand::Rng;
use rand::seq::SliceRandom;
use rusqlite::params;

use super::data::*;
use super::{Gen, Scale};
use crate::codes::UnitKind;
use crate::db::{Tx, new_uid, now_text};
use crate::error::Result;

#[derive(Clone, Copy)]
pub(super) enum Role {
    Company { city_root: bool },
    Dept(&'static DeptT),
    Team(&'static TeamT),
    SupplyStation,
    Substation,
}

pub(super) struct Unit {
    pub(super) id: i64,
    pub(super) name: String,
    pub(super) kind: UnitKind,
    pub(super) parent: Option<usize>,
    /// The nearest company at or above this unit.
    pub(super) company: usize,
    pub(super) role: Role,
    pub(super) base_staff: f64,
    pub(super) staff: usize,
    /// Region code most of its staff were born in.
    pub(super) region: &'static str,
    pub(super) direct: Vec<usize>,
    /// Everyone at or below this unit, by person index.
    pub(super) subtree: Vec<usize>,
    /// For a company: its staff not in a lower company.
    pub(super) own: Vec<usize>,
    pub(super) head: Option<usize>,
    pub(super) secretary: Option<usize>,
    /// For a company: who holds which leading post.
    pub(super) leaders: BTreeMap<&'static str, usize>,
}

impl Gen {
    fn add_unit(
        &mut self,
        name: String,
        kind: UnitKind,
        parent: Option<usize>,
        role: Role,
    ) -> usize {
        let idx = self.units.len();
        let (company, region) = match (role, parent) {
            (Role::Company { .. }, _) | (_, None) => (idx, ""),
            (_, Some(p)) => (self.units[p].company, self.units[p].region),
        };
        self.units.push(Unit {
            id: 0,
            name,
            kind,
            parent,
            company,
            role,
            base_staff: 0.0,
            staff: 0,
            region,
            direct: Vec::new(),
            subtree: Vec::new(),
            own: Vec::new(),
            head: None,
            secretary: None,
            leaders: BTreeMap::new(),
        });
        if matches!(role, Role::Company { .. }) {
            self.companies.push(idx);
        }
        idx
    }

    fn set_base(&mut self, u: usize, range: (u32, u32)) {
        self.units[u].base_staff = f64::from(self.rng.random_range(range.0..=range.1));
    }

    pub(super) fn build_units(&mut self) {
        match self.scale {
            Scale::Branch => {
                let region = self.pick(REGIONS_CHANGZHI);
                self.add_county("国网示范县供电公司".into(), None, true, region);
            }
            Scale::City => {
                let root = self.add_unit(
                    "国网示范市供电公司".into(),
                    UnitKind::Company,
                    None,
                    Role::Company { city_root: true },
                );
                self.units[root].region = "140402";
                for d in CITY_DEPTS {
                    let du = self.add_unit(
                        d.name.into(),
                        UnitKind::Department,
                        Some(root),
                        Role::Dept(d),
                    );
                    self.set_base(du, d.staff);
                    for t in d.teams {
                        let tu =
                            self.add_unit(t.name.into(), UnitKind::Team, Some(du), Role::Team(t));
                        self.set_base(tu, t.staff);
                    }
                    if d.name == "变电运维中心" {
                        let mut names = SUBSTATIONS.to_vec();
                        names.shuffle(&mut self.rng);
                        for n in &names[..2] {
                            let s = self.add_unit(
                                format!("220kV{n}变电站"),
                                UnitKind::Station,
                                Some(du),
                                Role::Substation,
                            );
                            self.set_base(s, (5, 8));
                        }
                    }
                }
                let n_counties = self.rng.random_range(8..=9);
                let mut regions = REGIONS_CHANGZHI[2..].to_vec();
                regions.shuffle(&mut self.rng);
                for (i, name) in COUNTIES.iter().take(n_counties).enumerate() {
                    self.add_county(format!("{name}供电公司"), Some(root), false, regions[i]);
                }
            }
        }
    }

    fn add_county(
        &mut self,
        name: String,
        parent: Option<usize>,
        full: bool,
        region: &'static str,
    ) {
        let c = self.add_unit(
            name,
            UnitKind::Company,
            parent,
            Role::Company { city_root: false },
        );
        self.units[c].region = region;
        for d in COUNTY_DEPTS {
            let du = self.add_unit(d.name.into(), UnitKind::Department, Some(c), Role::Dept(d));
            self.set_base(du, d.staff);
            for t in d.teams.iter().filter(|t| full || t.core) {
                let tu = self.add_unit(t.name.into(), UnitKind::Team, Some(du), Role::Team(t));
                self.set_base(tu, t.staff);
            }
        }
        let towns_n = if full {
            self.rng.random_range(5..=6)
        } else {
            self.rng.random_range(5..=7)
        };
        let main = self.add_unit(
            "城关供电所".into(),
            UnitKind::Station,
            Some(c),
            Role::SupplyStation,
        );
        self.set_base(main, (28, 38));
        let mut towns = TOWNS.to_vec();
        towns.shuffle(&mut self.rng);
        for town in &towns[..towns_n] {
            let name = if town.chars().count() == 2 {
                format!("{town}镇供电所")
            } else {
                format!("{town}供电所")
            };
            let s = self.add_unit(name, UnitKind::Station, Some(c), Role::SupplyStation);
            self.set_base(s, (16, 28));
        }
        let subs_n = if full {
            self.rng.random_range(2..=4)
        } else {
            1
        };
        let mut subs = SUBSTATIONS.to_vec();
        subs.shuffle(&mut self.rng);
        for (i, n) in subs[..subs_n].iter().enumerate() {
            let voltage = if i == 0 { "110kV" } else { "35kV" };
            let s = self.add_unit(
                format!("{voltage}{n}变电站"),
                UnitKind::Station,
                Some(c),
                Role::Substation,
            );
            self.set_base(s, (4, 6));
        }
    }

    pub(super) fn leader_posts(city_root: bool) -> &'static [&'static str] {
        if city_root {
            &[
                "总经理",
                "党委书记",
                "党委副书记",
                "副总经理",
                "副总经理",
                "副总经理",
                "纪委书记",
                "工会主席",
                "总工程师",
                "总会计师",
                "安全总监",
            ]
        } else {
            &[
                "总经理",
                "党委书记",
                "副总经理",
                "副总经理",
                "纪委书记",
                "工会主席",
            ]
        }
    }

    /// Head counts: template ranges, scaled so that the total is near the target. In the city
    /// dataset departments grow a little and frontline units take the rest.
    pub(super) fn size_units(&mut self) {
        let target = match self.scale {
            Scale::Branch => 300.0 + f64::from(self.rng.random_range(-8..=12)),
            Scale::City => 10_000.0 + f64::from(self.rng.random_range(-120..=150)),
        };
        let dept_factor = match self.scale {
            Scale::Branch => 1.0,
            Scale::City => 1.7,
        };
        let mut leaders = 0.0;
        let mut depts = 0.0;
        let mut front = 0.0;
        for u in &self.units {
            match u.role {
                Role::Company { city_root } => {
                    leaders += Self::leader_posts(city_root).len() as f64
                }
                Role::Dept(_) => depts += u.base_staff,
                _ => front += u.base_staff,
            }
        }
        let front_factor = ((target - leaders - depts * dept_factor) / front).max(0.5);
        for i in 0..self.units.len() {
            let n = match self.units[i].role {
                Role::Company { city_root } => Self::leader_posts(city_root).len(),
                Role::Dept(_) => {
                    let x = self.units[i].base_staff * dept_factor;
                    self.stoch_round(x).max(3)
                }
                _ => {
                    let x = self.units[i].base_staff * front_factor;
                    self.stoch_round(x).max(3)
                }
            };
            self.units[i].staff = n;
        }
    }

    pub(super) fn insert_units(&mut self, tx: &Tx) -> Result<()> {
        let now = now_text();
        let mut stmt = tx.prepare_cached(
            "INSERT INTO unit (uid, name, kind, parent_id, sort_order, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for i in 0..self.units.len() {
            let parent_id = self.units[i].parent.map(|p| self.units[p].id);
            let u = &self.units[i];
            stmt.execute(params![
                new_uid(),
                u.name,
                u.kind.code(),
                parent_id,
                i as i64 + 1,
                now
            ])?;
            self.units[i].id = tx.last_insert_rowid();
        }
        Ok(())
    }
}
