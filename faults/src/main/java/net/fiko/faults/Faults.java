package net.fiko.faults;

/** What a scenario does to the running stack while its load runs; it prints each fault as it happens. */
interface Faults {

    void inject(Stack stack, Traffic traffic, Timeline timeline) throws Exception;
}
