//! Time in the grouper: the clock that retires stories, the decay of similarity across a
//! time gap, and retirement itself.

use super::*;

impl Grouper {
    /// Moves the clock that retires stories. A step forward within the window moves it at
    /// once; a longer jump only once a second of the last few articles confirms it (the
    /// clock then goes to the second newest of them): one article dated years ahead (a typo)
    /// cannot retire every active story, a stream that really moves on still does.
    pub(super) fn clock(&mut self, t: i64) {
        if self.recent.len() == RECENT_TIMES {
            self.recent.pop_front();
        }
        self.recent.push_back(t);
        let mut newest = [i64::MIN; 2];
        for &r in &self.recent {
            if r > newest[0] {
                newest = [r, newest[0]];
            } else if r > newest[1] {
                newest[1] = r;
            }
        }
        let second = if newest[1] == i64::MIN {
            newest[0]
        } else {
            newest[1]
        };
        let window = (self.config.window_days * DAY) as i64;
        let next = match self.now {
            Some(n) if t <= n + window => n.max(t),
            Some(n) => n.max(second),
            None => t,
        };
        self.now = Some(next);
    }

    /// How much a time gap between two spans discounts their similarity.
    pub(super) fn decay(
        &self,
        a0: Option<i64>,
        a1: Option<i64>,
        b0: Option<i64>,
        b1: Option<i64>,
    ) -> f32 {
        let (Some(a0), Some(a1), Some(b0), Some(b1)) = (a0, a1, b0, b1) else {
            return 1.0;
        };
        if self.config.decay_days <= 0.0 {
            return 1.0;
        }
        let gap = (b0 - a1).max(a0 - b1).max(0) as f32 / DAY;
        (-gap / self.config.decay_days).exp()
    }

    /// Retires stories idle longer than the window, then the least recently updated beyond
    /// the cap; never the story just placed into.
    pub(super) fn retire(&mut self, keep: u64) -> Vec<StoryProfile> {
        let mut out: Vec<u64> = Vec::new();
        if let (Some(now), true) = (self.now, self.config.window_days > 0.0) {
            let horizon = now - (self.config.window_days * DAY) as i64;
            out.extend(
                self.by_time
                    .iter()
                    .take_while(|&&(last, _)| last < horizon)
                    .map(|&(_, id)| id)
                    .filter(|&id| id != keep),
            );
        }
        let excess = (self.stories.len() - out.len()).saturating_sub(self.config.max_active);
        let extra: Vec<u64> = self
            .by_touch
            .iter()
            .map(|&(_, id)| id)
            .filter(|id| *id != keep && !out.contains(id))
            .take(excess)
            .collect();
        out.extend(extra);
        out.sort_unstable();
        out.into_iter()
            .map(|id| {
                let story = self.remove(id);
                self.profile(id, &story)
            })
            .collect()
    }
}
