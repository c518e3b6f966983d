import { benchHq } from "./hq.bench.ts";
import { benchSearch } from "./search.bench.ts";
import { benchSweep } from "./sweep.bench.ts";
import { benchUnitImport } from "./unit-import.bench.ts";

// Benchmarks print figures and never fail the run: each bench catches its own errors.
await benchSweep();
await benchHq();
await benchSearch();
await benchUnitImport();
