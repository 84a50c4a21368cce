//! The `idmgraph` binary: parses the command line, sets up logging, runs the command.

use clap::Parser;
use tracing_subscriber::EnvFilter;

/// mimalloc instead of glibc's malloc for what the Rust side allocates (RocksDB keeps glibc's):
/// the bulk loader, the closure and the pages allocate many small short-lived values, and glibc
/// spent a fifth of a bulk load in its free lists (1 M triples: 8.5 s instead of 14.1 s).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_t` (mimalloc.h, v2 and v3 alike); the
/// Rust bindings leave it unnamed.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    purge_freed_memory_at_once();
    bound_malloc_arenas();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    match idmgraph::cli::run(idmgraph::cli::Cli::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// mimalloc returns freed memory to the system 10 ms after the fact by default; under many
/// concurrent clients, whose blocking threads come and go, the server's RSS then crept up by a
/// quarter over the 60-second soak (`tests/it/staying_up.rs`). At once, it grew by 4 to 12 %
/// in three runs, and a bulk load takes as long.
#[allow(unsafe_code)]
fn purge_freed_memory_at_once() {
    // SAFETY: called first thing in `main`, before any other thread exists (mimalloc's option
    // setters are not thread-safe); it sets a number mimalloc reads when it purges.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
}

/// glibc's malloc (which RocksDB still uses) gives each new thread its own arena, up to eight
/// per core. Under many concurrent clients (a blocking thread per store call) memory freed in
/// one arena is not reused by another, and the server's RSS crept up for as long as the load
/// lasted: 197 to 266 MiB over a 60-second soak of 64 clients, when glibc served the Rust side
/// too. Two arenas kept it flat (148 to 160 MiB) at the same throughput. See the soak test in
/// `tests/it/staying_up.rs`.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn bound_malloc_arenas() {
    // SAFETY: called first thing in `main`, before any other thread exists or allocates;
    // `mallopt` only sets a tuning parameter and reports failure by its return value, which
    // needs no handling (the default arenas remain).
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn bound_malloc_arenas() {}
