//! Work spread over the machine's cores: an order-keeping parallel map.

/// `f` applied to every item, on as many threads as the machine has cores
/// (each with a full 16 MiB stack: pest's stack guard wants headroom), the
/// results in the items' order. A thread that cannot start or that fails
/// has its share done on the calling thread.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                std::thread::Builder::new()
                    .stack_size(16 * 1024 * 1024)
                    .spawn_scoped(scope, move || part.iter().map(f).collect::<Vec<R>>())
            })
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for (handle, part) in handles.into_iter().zip(items.chunks(chunk)) {
            match handle.map(|h| h.join()) {
                Ok(Ok(mut results)) => out.append(&mut results),
                _ => out.extend(part.iter().map(f)),
            }
        }
        out
    })
}
