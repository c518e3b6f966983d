import { workerTestConfig } from "@wuye/infra/worker-test-config";
import { defineConfig } from "vitest/config";

export default defineConfig(() => workerTestConfig());
