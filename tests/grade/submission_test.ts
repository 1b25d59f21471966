/**
 * From what a teacher received to a private folder of exercise files: finding the
 * submissions, locating the exercise files in them, copying folders without links, and
 * refusing what cannot be graded.
 */
import { assert, assertEquals, assertRejects } from "@std/assert";
import { join } from "node:path";
import { copySubmissionFolder } from "../../lib/grade/copy_folder.ts";
import { describeSubmission, findSubmissions } from "../../lib/grade/discover.ts";
import { RejectedSubmission } from "../../lib/grade/limits.ts";
import { locateExercises } from "../../lib/grade/locate.ts";
import { prepareSubmission } from "../../lib/grade/prepare_submission.ts";
import { UsageError } from "../../lib/cli/errors.ts";
import { zipArchive } from "./archives.ts";

async function withTempDir(use: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "digits-submission-test-" });
  try {
    await use(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await Deno.mkdir(join(root, path, ".."), { recursive: true });
    await Deno.writeTextFile(join(root, path), text);
  }
}

Deno.test("findSubmissions lists folders and archives by student, skipping dot files", async () => {
  await withTempDir(async (dir) => {
    await writeFiles(dir, {
      "alice/01_softmax.ts": "",
      "bob.zip": "",
      "carol.tar.gz": "",
      "dave.tgz": "",
      "erin.rar": "",
      ".DS_Store": "",
    });
    const found = await findSubmissions(dir);
    assertEquals(
      found.map(({ id, kind }) => [id, kind]),
      [
        ["alice", "folder"],
        ["bob", "zip"],
        ["carol", "tar.gz"],
        ["dave", "tar.gz"],
        ["erin.rar", "unsupported"],
      ],
    );
  });
});

Deno.test("findSubmissions refuses two submissions for one student", async () => {
  await withTempDir(async (dir) => {
    await writeFiles(dir, { "alice/01_softmax.ts": "", "alice.zip": "" });
    await assertRejects(() => findSubmissions(dir), UsageError, "two submissions for alice");
  });
});

Deno.test("a submission that is a link is not followed", async () => {
  await withTempDir(async (dir) => {
    await Deno.symlink("/etc", join(dir, "mallory"));
    const submission = await describeSubmission(join(dir, "mallory"));
    assertEquals(submission.kind, "unsupported");
  });
});

Deno.test("locateExercises finds exercises/, top-level files, and wrapped folders", async () => {
  await withTempDir(async (dir) => {
    await writeFiles(dir, {
      "a/exercises/01_softmax.ts": "",
      "b/01_softmax.ts": "",
      "c/digits-main/exercises/01_softmax.ts": "",
      "c/__MACOSX/x": "",
      "d/notes.md": "",
      "d/one/x.ts": "",
      "d/two/y.ts": "",
    });
    const locate = (name: string) => locateExercises(join(dir, name), ["01_softmax.ts"]);
    assertEquals(await locate("a"), join(dir, "a/exercises"));
    assertEquals(await locate("b"), join(dir, "b"));
    assertEquals(await locate("c"), join(dir, "c/digits-main/exercises"));
    assertEquals(await locate("d"), join(dir, "d"));
  });
});

Deno.test("copySubmissionFolder copies files and refuses links and oversized folders", async () => {
  await withTempDir(async (dir) => {
    await writeFiles(dir, { "src/01_softmax.ts": "x", "src/help/util.ts": "y" });
    await copySubmissionFolder(join(dir, "src"), join(dir, "copy"));
    assertEquals(await Deno.readTextFile(join(dir, "copy/help/util.ts")), "y");

    await Deno.symlink("/etc/passwd", join(dir, "src", "passwd"));
    await assertRejects(
      () => copySubmissionFolder(join(dir, "src"), join(dir, "again")),
      RejectedSubmission,
      '"passwd" is a link',
    );
    await Deno.remove(join(dir, "src", "passwd"));
    await assertRejects(
      () =>
        copySubmissionFolder(join(dir, "src"), join(dir, "small"), {
          maxEntries: 10,
          maxBytes: 1,
        }),
      RejectedSubmission,
      "more than",
    );
  });
});

Deno.test("prepareSubmission unpacks an archive and finds its exercises", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeFile(
      join(dir, "alice.zip"),
      zipArchive([{ name: "alice/exercises/01_softmax.ts", data: "export {};" }]),
    );
    const work = join(dir, "work");
    await Deno.mkdir(work);
    const prepared = await prepareSubmission(
      await describeSubmission(join(dir, "alice.zip")),
      work,
      ["01_softmax.ts"],
    );
    assertEquals(prepared, { exercisesDir: join(work, "unpacked", "alice", "exercises") });
  });
});

Deno.test("prepareSubmission turns a refusal into a reason", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeFile(join(dir, "x.zip"), zipArchive([{ name: "../x.ts", data: "" }]));
    const prepared = await prepareSubmission(
      await describeSubmission(join(dir, "x.zip")),
      dir,
      ["01_softmax.ts"],
    );
    assertEquals(prepared, {
      rejected: {
        en: 'entry "../x.ts" points outside its folder',
        zh: '条目 "../x.ts" 指向了所在文件夹之外',
      },
    });
  });
});

Deno.test("prepareSubmission refuses source maps, inline or beside the code", async () => {
  const submissions: [string, Record<string, string>, string][] = [
    ["inline", {
      "01_softmax.ts": "export {};\n//# sourceMappingURL=data:application/json;base64,e30=",
    }, "01_softmax.ts mentions sourceMappingURL"],
    [
      "file",
      { "01_softmax.ts": "export {};", "lib/01_softmax.ts.map": "{}" },
      "lib/01_softmax.ts.map is a source map",
    ],
    [
      "old comment",
      { "01_softmax.ts": "export {};\n//@ sourceURL=x.ts" },
      "01_softmax.ts mentions sourceURL",
    ],
  ];
  for (const [what, files, reason] of submissions) {
    await withTempDir(async (dir) => {
      for (const [name, text] of Object.entries(files)) {
        await Deno.mkdir(join(dir, "src", name, ".."), { recursive: true });
        await Deno.writeTextFile(join(dir, "src", name), text);
      }
      const work = join(dir, "work");
      await Deno.mkdir(work);
      const prepared = await prepareSubmission(
        await describeSubmission(join(dir, "src")),
        work,
        ["01_softmax.ts"],
      );
      assert(
        "tampered" in prepared && prepared.tampered.en.startsWith(reason),
        `${what}: ${JSON.stringify(prepared)}`,
      );
    });
  }
});
