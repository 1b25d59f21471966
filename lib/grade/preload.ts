/**
 * Loaded with `deno test --preload` into every graded test process, before the tests and the
 * student's modules: takes storage away (see `storage_guard.ts`) and freezes what the tests rely
 * on to decide a result (see `harden.ts`). Importing it hardens the importing process for good;
 * only the grader's sandbox does.
 *
 * @module
 */
import nodeAssert from "node:assert";
import * as courseAssert from "../assert/mod.ts";
import { harden, hardenDenoTest, hardenIntrinsics } from "./harden.ts";
import { guardStorage } from "./storage_guard.ts";

guardStorage();
hardenIntrinsics();
harden(nodeAssert, ...Object.values(courseAssert));
hardenDenoTest();
