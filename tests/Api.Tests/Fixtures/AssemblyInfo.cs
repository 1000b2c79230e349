// Hangfire keeps its storage in static state while a host starts, so hosts in one process must not start in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
