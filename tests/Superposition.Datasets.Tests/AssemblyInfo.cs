// xunit 2 honours [Fact(Timeout)] reliably only without parallel tests; these tests are I/O-bound and few.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
