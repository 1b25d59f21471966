/** Reading Deno's JUnit report: passes, failures, skips, and the errors of a cancelled run. */
import { assertEquals } from "@std/assert";
import { parseJunit } from "../../../lib/exercise/junit.ts";

Deno.test("parseJunit reads each case's status, and a cancelled case as an error", () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="deno test" tests="4" failures="1" errors="1">
  <testsuite name="./tests/a_test.ts" tests="4">
    <testcase name="passes" classname="./tests/a_test.ts" time="0.001" line="1" col="6">
    </testcase>
    <testcase name="fails &amp; says why" classname="./tests/a_test.ts" line="2" col="6">
      <failure message="Uncaught Error: no">Error: no &lt;3</failure>
    </testcase>
    <testcase name="is ignored" classname="./tests/a_test.ts" line="3" col="6">
      <skipped/>
    </testcase>
    <testcase name="never finished" classname="./tests/a_test.ts" line="4" col="6">
      <error message="Cancelled"/>
    </testcase>
  </testsuite>
</testsuites>`;
  assertEquals(parseJunit(xml), [
    { name: "passes", file: "./tests/a_test.ts", status: "passed" },
    {
      name: "fails & says why",
      file: "./tests/a_test.ts",
      status: "failed",
      failure: "Error: no <3",
    },
    { name: "is ignored", file: "./tests/a_test.ts", status: "skipped" },
    { name: "never finished", file: "./tests/a_test.ts", status: "error", failure: "Cancelled" },
  ]);
});
