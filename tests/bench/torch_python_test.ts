/**
 * How the bench picks the Python of `--vs-pytorch`, replayed with fake systems: nothing is
 * installed or downloaded. Each case gives one line saying what was chosen, or why nothing was.
 */
import { assert, assertEquals, assertRejects, assertStringIncludes } from "@std/assert";
import { UsageError } from "../../lib/cli/errors.ts";
import type { Text } from "../../lib/cli/language.ts";
import {
  chooseTorchPython,
  type TorchProbe,
  torchVenvDir,
  venvPython,
} from "../../bench/torch_python.ts";

const VENV = "/cache/digits/bench-torch-venv";

/** A fake system: `withTorch` lists the interpreters that import torch; `install` is pip's fate. */
function fakeSystem(
  withTorch: string[],
  install: "works" | Text,
  benchPython?: string,
): { probe: TorchProbe; prepared: string[] } {
  const prepared: string[] = [];
  const pythons = new Set(withTorch);
  const probe: TorchProbe = {
    benchPython,
    venvDir: VENV,
    debianPython: "/usr/bin/python3",
    importsTorch: (python) => Promise.resolve(pythons.has(python)),
    prepareVenv: (dir) => {
      prepared.push(dir);
      if (install !== "works") return Promise.resolve(install);
      pythons.add(venvPython(dir));
      return Promise.resolve(undefined);
    },
  };
  return { probe, prepared };
}

function assertOneLine(text: string) {
  assertEquals(text.split("\n").length, 1, `expected one line, got:\n${text}`);
}

Deno.test("BENCH_PYTHON wins when it imports torch, and nothing is installed", async () => {
  const { probe, prepared } = fakeSystem(
    ["/opt/py/bin/python", "/usr/bin/python3"],
    "works",
    "/opt/py/bin/python",
  );
  const choice = await chooseTorchPython(probe);
  assertEquals([choice.python, choice.source], ["/opt/py/bin/python", "BENCH_PYTHON"]);
  assertEquals(choice.message.en, "PyTorch: BENCH_PYTHON=/opt/py/bin/python");
  assertEquals(prepared, []);
});

Deno.test("a BENCH_PYTHON that cannot import torch is one usage error, no fallback", async () => {
  const { probe, prepared } = fakeSystem(["/usr/bin/python3"], "works", "/opt/py/bin/python");
  const error = await assertRejects(() => chooseTorchPython(probe), UsageError);
  assertOneLine(error.message);
  assertStringIncludes(error.message, "BENCH_PYTHON=/opt/py/bin/python cannot import torch");
  assertEquals(prepared, []);
});

Deno.test("the venv prepared earlier is reused without running pip", async () => {
  const { probe, prepared } = fakeSystem([venvPython(VENV), "/usr/bin/python3"], "works");
  const choice = await chooseTorchPython(probe);
  assertEquals([choice.python, choice.source], [venvPython(VENV), "venv"]);
  assertEquals(choice.message.en, `PyTorch: reusing the venv in ${VENV}`);
  assertEquals(prepared, []);
});

Deno.test("without a venv the bench prepares one with pip, even when Debian's torch exists", async () => {
  const { probe, prepared } = fakeSystem(["/usr/bin/python3"], "works");
  const choice = await chooseTorchPython(probe);
  assertEquals([choice.python, choice.source], [venvPython(VENV), "venv"]);
  assertOneLine(choice.message.en);
  assertStringIncludes(choice.message.en, `installed with pip into ${VENV}`);
  assertEquals(prepared, [VENV]);
});

Deno.test("when pip cannot install torch, Debian's python3-torch is used and the reason said", async () => {
  const { probe } = fakeSystem(["/usr/bin/python3"], "pip install torch failed with exit code 1");
  const choice = await chooseTorchPython(probe);
  assertEquals([choice.python, choice.source], ["/usr/bin/python3", "debian"]);
  assertOneLine(choice.message.en);
  assertEquals(
    choice.message.en,
    "PyTorch: pip could not install torch (pip install torch failed with exit code 1); " +
      "using Debian's /usr/bin/python3",
  );
});

Deno.test("a pip install after which torch still does not import counts as a failure", async () => {
  const { probe } = fakeSystem(["/usr/bin/python3"], "works");
  probe.prepareVenv = () => Promise.resolve(undefined); // claims success, installs nothing
  const choice = await chooseTorchPython(probe);
  assertEquals(choice.source, "debian");
  assertStringIncludes(choice.message.en, "torch still does not import");
  assertStringIncludes(choice.message.zh, "安装后仍然无法 import torch");
});

Deno.test("with no PyTorch anywhere the error is one line naming what was tried", async () => {
  const { probe } = fakeSystem([], "python3 -m venv failed with exit code 1");
  const error = await assertRejects(() => chooseTorchPython(probe), UsageError);
  assertOneLine(error.message);
  for (
    const part of ["BENCH_PYTHON is unset", VENV, "python3 -m venv failed", "/usr/bin/python3"]
  ) {
    assertStringIncludes(error.message, part);
  }
});

Deno.test("the venv lives in the user's cache", () => {
  const dir = torchVenvDir();
  assert(dir.endsWith("bench-torch-venv") && dir.includes("digits"), dir);
  if (Deno.build.os === "linux") {
    const cache = Deno.env.get("XDG_CACHE_HOME");
    assert(dir.startsWith(cache || `${Deno.env.get("HOME")}/.cache`), dir);
  }
});

Deno.test("the Chinese line gives pip's reason in Chinese", async () => {
  const { probe } = fakeSystem(["/usr/bin/python3"], {
    en: "pip install torch failed with exit code 1",
    zh: "pip install torch 失败，退出码 1",
  });
  const choice = await chooseTorchPython(probe);
  assertEquals(
    choice.message.zh,
    "PyTorch：pip 无法安装 torch（pip install torch 失败，退出码 1）；改用 Debian 的 /usr/bin/python3",
  );
});
