//! Work spread over the machine's cores: an order-keeping parallel map.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` applied to every item, on as many threads as the machine has cores
/// (each with a full 16 MiB stack: pest's stack guard wants headroom), the
/// results in the items' order. Items of equal cost: see [`map_weighted`].
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_weighted(items, |_| 1, f)
}

/// [`map`] for items of uneven cost (`weight`, such as a file's bytes): the
/// threads take the items heaviest first, one at a time, so that no thread is
/// left with a heavy tail while the others wait. The results are in the
/// items' order whatever the threads did. A thread that cannot start or that
/// fails has the items it did not hand back done on the calling thread.
pub fn map_weighted<T: Sync, R: Send>(items: &[T], weight: impl Fn(&T) -> usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    // Heaviest first (longest processing time first), ties in item order.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&index| std::cmp::Reverse(items.get(index).map_or(0, &weight)));
    let next = AtomicUsize::new(0);
    let (f, order, next) = (&f, &order, &next);
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(16 * 1024 * 1024)
                    .spawn_scoped(scope, move || {
                        let mut done: Vec<(usize, R)> = Vec::new();
                        while let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                            if let Some(item) = items.get(index) {
                                done.push((index, f(item)));
                            }
                        }
                        done
                    })
            })
            .collect();
        for handle in handles {
            if let Ok(Ok(done)) = handle.map(|h| h.join()) {
                for (index, result) in done {
                    if let Some(slot) = slots.get_mut(index) {
                        *slot = Some(result);
                    }
                }
            }
        }
    });
    // Whatever a failed thread had taken is done here.
    items
        .iter()
        .zip(slots)
        .map(|(item, slot)| slot.unwrap_or_else(|| f(item)))
        .collect()
}

/// Applies `f` to every item on as many threads as the machine has cores
/// (heaviest first, as [`map_weighted`]) and hands each result to `take`
/// on the calling thread as soon as it is done, with its item's index: the
/// caller consumes results while the others are computed, and at most
/// `backlog` wait for it. Results come in the order they are done; every
/// item's comes once. A thread that cannot start or that fails has the items
/// it did not hand over done on the calling thread, at the end.
pub fn for_each_weighted<T: Sync, R: Send>(
    items: &[T],
    weight: impl Fn(&T) -> usize,
    f: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(usize, R),
    backlog: usize,
) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    let mut taken = vec![false; items.len()];
    if threads > 1 {
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by_key(|&index| std::cmp::Reverse(items.get(index).map_or(0, &weight)));
        let next = AtomicUsize::new(0);
        let (f, order, next) = (&f, &order, &next);
        std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::sync_channel::<(usize, R)>(backlog);
            for _ in 0..threads {
                let sender = sender.clone();
                let _ = std::thread::Builder::new()
                    .stack_size(16 * 1024 * 1024)
                    .spawn_scoped(scope, move || {
                        while let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                            let Some(item) = items.get(index) else { continue };
                            if sender.send((index, f(item))).is_err() {
                                break;
                            }
                        }
                    });
            }
            drop(sender);
            for (index, result) in receiver {
                if let Some(done) = taken.get_mut(index) {
                    *done = true;
                }
                take(index, result);
            }
        });
    }
    // Whatever a failed thread had taken is done here.
    for (index, item) in items.iter().enumerate() {
        if !taken.get(index).copied().unwrap_or(false) {
            take(index, f(item));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_items_order_whatever_their_weight() {
        let items: Vec<usize> = (0..1000).map(|i| (i * 7919) % 1013).collect();
        let squares = super::map_weighted(&items, |&n| n, |&n| n * n);
        let expected: Vec<usize> = items.iter().map(|&n| n * n).collect();
        assert_eq!(squares, expected);
        assert_eq!(
            super::map(&items, |&n| n + 1),
            items.iter().map(|&n| n + 1).collect::<Vec<_>>()
        );
        assert!(super::map(&[] as &[usize], |&n| n).is_empty());
    }

    #[test]
    fn each_result_is_taken_once_with_its_index() {
        let items: Vec<usize> = (0..1000).map(|i| (i * 7919) % 1013).collect();
        let mut seen = vec![None; items.len()];
        super::for_each_weighted(
            &items,
            |&n| n,
            |&n| n * n,
            |index, square| {
                let slot = seen.get_mut(index);
                assert!(slot.as_ref().is_some_and(|s| s.is_none()), "item {index} taken twice");
                if let Some(slot) = slot {
                    *slot = Some(square);
                }
            },
            4,
        );
        let expected: Vec<Option<usize>> = items.iter().map(|&n| Some(n * n)).collect();
        assert_eq!(seen, expected);
    }
}
