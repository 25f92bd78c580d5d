// xunit 2 honours [Fact(Timeout)] reliably only without parallel tests; plotting tests share SkiaSharp's font cache.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
