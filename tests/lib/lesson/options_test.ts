import { chooseLanguage } from "../../../lib/cli/language.ts";
import { assertEquals, assertThrows } from "@std/assert";
import { UsageError } from "../../../lib/cli/errors.ts";
import { DEFAULT_SEED, parseLessonOptions } from "../../../lib/lesson/options.ts";

const quick = { epochs: 15, batchSize: 128, learningRate: 0.5 };
const full = { epochs: 200, batchSize: 128, learningRate: 0.01 };

Deno.test("no flags: the lesson's quick settings and the default seed", () => {
  assertEquals(parseLessonOptions([], quick, full), {
    ...quick,
    workers: 1,
    seed: DEFAULT_SEED,
    data: undefined,
    backend: "native",
    full: false,
    code: false,
    mine: false,
    language: chooseLanguage(undefined),
    subset: undefined,
    out: "out",
  });
});

Deno.test("--full takes the article's settings; explicit flags win over both", () => {
  const options = parseLessonOptions(
    ["--full", "--epochs", "3", "--learning-rate=0.1"],
    quick,
    full,
  );
  assertEquals(options !== "help" && [options.epochs, options.batchSize, options.learningRate], [
    3,
    128,
    0.1,
  ]);
});

Deno.test("--workers defaults to the lesson's setting, else 1; the flag wins", () => {
  const threaded = { ...full, workers: 2 };
  const workersOf = (argv: string[]) => {
    const options = parseLessonOptions(argv, quick, threaded);
    return options === "help" ? "help" : options.workers;
  };
  assertEquals([workersOf([]), workersOf(["--full"]), workersOf(["--full", "--workers", "1"])], [
    1,
    2,
    1,
  ]);
});

Deno.test("--help is reported, not parsed", () => {
  assertEquals(parseLessonOptions(["--help"], quick, full), "help");
});

Deno.test("malformed flags name the flag and what was expected", () => {
  const cases: [string[], string][] = [
    [["--epochs", "abc"], '--epochs must be a whole number of at least 1, got "abc"'],
    [["--epochs", "0"], '--epochs must be a whole number of at least 1, got "0"'],
    [["--epochs", "2.5"], "--epochs must be a whole number"],
    [["--batch-size=-4"], "--batch-size must be a whole number"],
    [["--learning-rate", "fast"], '--learning-rate must be a positive number, got "fast"'],
    [["--workers", "0"], '--workers must be a whole number of at least 1, got "0"'],
    [["--backend", "foo"], '--backend must be wasm or native or cpu, got "foo"'],
    [["--seed=-1"], "--seed must be a whole number of at least 0"],
    [["--seed", "-1"], '--seed must be a whole number of at least 0, got "-1"'],
    [["--epochs", "-3"], '--epochs must be a whole number of at least 1, got "-3"'],
    [["--learning-rate", "-1"], '--learning-rate must be a positive number, got "-1"'],
    [["--bogus"], "unknown option --bogus"],
    [["--epoch", "3"], "unknown option --epoch; did you mean --epochs?"],
    [["--epochs"], "--epochs"],
    [["extra"], "extra"],
  ];
  for (const [argv, message] of cases) {
    assertThrows(() => parseLessonOptions(argv, quick, full), UsageError, message, argv.join(" "));
  }
});

Deno.test("a lesson's own string flags are parsed into extra; others still fail", () => {
  const extra = {
    csv: { en: "DIR  read Kaggle's CSV files from DIR", zh: "DIR  从 DIR 读取 Kaggle 的 CSV 文件" },
  };
  const options = parseLessonOptions(["--csv", "data/kaggle"], quick, full, extra);
  assertEquals(options !== "help" && options.extra, { csv: "data/kaggle" });
  const none = parseLessonOptions([], quick, full, extra);
  assertEquals(none !== "help" && none.extra, { csv: undefined });
  assertThrows(() => parseLessonOptions(["--csv", "x"], quick, full), UsageError, "--csv");
});
