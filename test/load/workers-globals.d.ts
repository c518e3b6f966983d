// The deadlines worker's modules run here in Node (load/scale.ts): its env type names the Workers' Queue.
interface Queue<Body = unknown> {
  send(body: Body): Promise<void>;
}
