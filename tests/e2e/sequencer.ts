import { BaseSequencer, type TestSpecification } from "vitest/node";

// The journeys share one server and database. The reader journey checks the demo blog as seeded
// (49 subscribers, its comments, its visitor total), so it runs first; the rest in name order.
export class ReaderFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => (file.moduleId.endsWith("/reader.test.ts") ? "0" : `1${file.moduleId}`);
    return [...files].sort((a, b) => rank(a).localeCompare(rank(b)));
  }

  override async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    return files;
  }
}
