//! The interpreter's object arena, cheap to copy: every live object is rebuilt for every frame
//! by an interpreter of its own, which must not clone the whole scene's objects to do so. A copy
//! shares the entries made before it (`base`) and keeps only what it adds or changes.

use std::collections::HashMap;
use std::ops::{Index, IndexMut};
use std::sync::Arc;

use super::interp::Entry;

#[derive(Clone, Default)]
pub struct Arena {
    /// Entries shared with the snapshot this arena was copied from.
    base: Arc<Vec<Entry>>,
    /// Entries of `base` changed since (copied on first change).
    changed: HashMap<usize, Entry>,
    /// Entries added after `base`.
    tail: Vec<Entry>,
}

impl Arena {
    pub fn len(&self) -> usize {
        self.base.len() + self.tail.len()
    }

    pub fn push(&mut self, e: Entry) {
        self.tail.push(e);
    }

    /// A copy to hand to frame-time rebuilds: its entries are shared, not cloned, by every
    /// later copy (folding the changes made so far into a new shared base when there are any).
    pub fn snapshot(&mut self) -> Arena {
        if !self.changed.is_empty() || !self.tail.is_empty() {
            let mut all: Vec<Entry> = Vec::with_capacity(self.len());
            for i in 0..self.len() {
                all.push(self[i].clone());
            }
            *self = Arena {
                base: Arc::new(all),
                changed: HashMap::new(),
                tail: Vec::new(),
            };
        }
        self.clone()
    }
}

impl Index<usize> for Arena {
    type Output = Entry;
    fn index(&self, i: usize) -> &Entry {
        if i >= self.base.len() {
            return &self.tail[i - self.base.len()];
        }
        self.changed.get(&i).unwrap_or(&self.base[i])
    }
}

impl IndexMut<usize> for Arena {
    fn index_mut(&mut self, i: usize) -> &mut Entry {
        let n = self.base.len();
        if i >= n {
            return &mut self.tail[i - n];
        }
        let base = &self.base;
        self.changed.entry(i).or_insert_with(|| base[i].clone())
    }
}
