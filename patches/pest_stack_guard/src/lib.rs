//! pest's native stack probe, answered from the stack's bounds kept per thread.
//!
//! pest 2.9 asks [`remaining_stack`] before every rule and combinator it
//! runs, and fails the parse with "stack limit reached" when less than 64 KiB
//! is left: that guard is what keeps a deeply nested rule file from
//! overflowing the stack. crates.io's pest_stack_guard 1.0.1 answers each
//! question by asking `stacker`, which reads a lazily set thread-local and
//! calls into psm's assembly for the stack pointer. In yijian's check of
//! 10,000 items that was 15% of the CPU time (see the book's performance
//! page). yijian's Cargo.toml puts this crate in its place
//! (`[patch.crates-io]`).
//!
//! The answer is stacker's, and stacker is still asked whenever it is not
//! known: the first probe on a thread asks stacker, and keeps the stretch of
//! that stack it has confirmed, from the limit stacker measured up to the
//! stack pointer of the probe. A later probe whose stack pointer lies in the
//! stretch is on the same stack, so its answer is a subtraction from the same
//! limit. A probe outside it (shallower than any probe before, or on a stack
//! that `stacker::grow` made) asks stacker again; when stacker gives the same
//! limit, the stretch grows to take the probe in.
//!
//! What the stretch assumes: that its memory stays the thread's stack. It is
//! first set on a thread's own stack unless pest's first parse on the thread
//! runs inside `stacker::grow`; yijian never parses there (typst grows its
//! stacks while it lays out a PDF, and runs no pest parser).
#![forbid(unsafe_code)]

/// The stack left to the caller in bytes, if its bounds are known: what
/// crates.io's `pest_stack_guard::remaining_stack` answers, within the size
/// of a frame or two.
#[inline]
pub fn remaining_stack() -> Option<usize> {
    #[cfg(native_stack_guard)]
    return known::remaining();

    #[cfg(all(not(native_stack_guard), feature = "stack-guard"))]
    return stacker::remaining_stack();

    #[cfg(not(any(native_stack_guard, feature = "stack-guard")))]
    return None;
}

/// The stretch of stack confirmed per thread (the targets with a native guard
/// all grow their stacks downwards).
#[cfg(native_stack_guard)]
mod known {
    use std::cell::Cell;

    /// How far two measurements of one stack's limit may lie apart: each is
    /// taken from a stack pointer a frame or two above stacker's own.
    const SAME_LIMIT: usize = 4096;

    /// No stretch yet: no stack pointer lies above `usize::MAX` and at or
    /// below 0.
    const NONE: (usize, usize) = (usize::MAX, 0);

    thread_local! {
        /// The lowest usable address of the thread's stack (as stacker
        /// measured it) and the highest stack pointer at which stacker
        /// confirmed that limit.
        static STRETCH: Cell<(usize, usize)> = const { Cell::new(NONE) };
    }

    /// The caller's stack pointer, near enough: the address of a local of
    /// the frame this is inlined into.
    #[inline(always)]
    fn stack_pointer() -> usize {
        let marker = 0u8;
        std::ptr::addr_of!(marker).addr()
    }

    #[inline]
    pub(crate) fn remaining() -> Option<usize> {
        let here = stack_pointer();
        let (limit, high) = STRETCH.get();
        if limit < here && here <= high {
            return Some(here - limit);
        }
        ask_stacker(here)
    }

    /// stacker's answer at `here`, which extends or sets the stretch.
    #[cold]
    #[inline(never)]
    fn ask_stacker(here: usize) -> Option<usize> {
        let remaining = stacker::remaining_stack()?;
        // stacker measured from a stack pointer below `here` (this call's
        // frame and its own): the limit found from `here` lies at most those
        // frames above the real one, so answers err on the side of less.
        let limit = here.saturating_sub(remaining);
        let (known, high) = STRETCH.get();
        if (known, high) == NONE {
            STRETCH.set((limit, here));
        } else if known.abs_diff(limit) <= SAME_LIMIT {
            STRETCH.set((known.max(limit), high.max(here)));
        }
        Some(remaining)
    }
}

#[cfg(all(test, native_stack_guard))]
mod tests {
    use super::remaining_stack;

    /// Recurses `depth` frames of about 1 KiB each and gives what this crate
    /// and stacker answer at the bottom.
    fn at_depth(depth: usize) -> (Option<usize>, Option<usize>) {
        let frame = std::hint::black_box([0u8; 1024]);
        if depth == 0 {
            return (remaining_stack(), stacker::remaining_stack());
        }
        let answer = at_depth(depth - 1);
        std::hint::black_box(&frame);
        answer
    }

    fn on_thread<T: Send + 'static>(stack: usize, run: impl FnOnce() -> T + Send + 'static) -> T {
        std::thread::Builder::new()
            .stack_size(stack)
            .spawn(run)
            .unwrap()
            .join()
            .unwrap()
    }

    /// Whether two answers lie within a few frames of each other.
    fn near(ours: usize, stackers: usize) -> bool {
        ours.abs_diff(stackers) < 2048
    }

    #[test]
    fn answers_as_stacker_does_at_every_depth() {
        on_thread(32 << 20, || {
            // Deeper, then shallower again (the stretch already holds those
            // probes), then deeper than before.
            let mut answers = Vec::new();
            for depth in [0, 10, 100, 1000, 500, 3, 0, 2000, 3000] {
                let (ours, stackers) = at_depth(depth);
                let (ours, stackers) = (ours.unwrap(), stackers.unwrap());
                assert!(near(ours, stackers), "depth {depth}: {ours} vs {stackers}");
                answers.push((depth, ours));
            }
            answers.sort();
            assert!(
                answers
                    .windows(2)
                    .all(|pair| pair[0].0 == pair[1].0 || pair[0].1 > pair[1].1),
                "{answers:?}"
            );
        });
    }

    #[test]
    fn the_limit_is_the_threads_own() {
        let left = on_thread(1 << 20, || remaining_stack().unwrap());
        assert!(left > 64 << 10 && left <= 1 << 20, "{left}");
        let deep = on_thread(1 << 20, || at_depth(200).0.unwrap());
        assert!(deep < left - (200 << 10), "{deep} vs {left}");
    }

    #[test]
    fn a_stack_that_stacker_grows_is_asked_of_stacker() {
        on_thread(1 << 20, || {
            let main = remaining_stack().unwrap();
            let (grown, stackers) = stacker::grow(8 << 20, || at_depth(10));
            let (grown, stackers) = (grown.unwrap(), stackers.unwrap());
            assert!(grown > main, "{grown} on the grown stack, {main} on the thread's");
            assert!(near(grown, stackers), "{grown} vs {stackers}");
            // Back on the thread's stack, the stretch answers again.
            assert!(remaining_stack().unwrap().abs_diff(main) < 4096);
        });
    }
}
