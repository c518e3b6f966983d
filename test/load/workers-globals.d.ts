// The deadlines worker's modules run here in Node (load/scale.ts): its env type names the Workers' Queue and
// R2Bucket (the photo sweep's, unused by the simulation).
interface Queue<Body = unknown> {
  send(body: Body): Promise<void>;
}
interface R2Bucket {
  delete(keys: string | string[]): Promise<void>;
}
