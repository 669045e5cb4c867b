// The specs load a 2-core machine on purpose (concurrent clients, crashes, overload): run them one at a
// time so that one spec's load never becomes another's fault.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
