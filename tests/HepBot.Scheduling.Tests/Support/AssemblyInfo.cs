// Schedulers share process-wide Quartz state by scheduler name, so these tests run one at a time.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
