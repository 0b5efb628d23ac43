import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix
import Testing
@testable import CloudAPI

/// A loopback HTTP server that gzips its answers when the client offers it (NIO's own compressor) and answers with
/// the request's `user-agent` and `accept-encoding`, padded so compression matters.
private final class HeaderEcho: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    private var head: HTTPRequestHead?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            let fields = ["ua": head?.headers["user-agent"].first ?? "", "ae": head?.headers["accept-encoding"].first ?? "",
                          "pad": String(repeating: "backup ", count: 5_000)]
            let body = (try? JSONEncoder().encode(fields)) ?? Data()
            let headers = HTTPHeaders([("content-type", "application/json"), ("content-length", "\(body.count)")])
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}

@Suite struct CompressionTests {
    @Test func offersGzipAndInflatesACompressedAnswer() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandlers([HTTPResponseCompressor(), HeaderEcho()])
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(server.localAddress?.port)
        let transport = HTTPTransport()
        do {
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/"))
            let result = try await transport.send(HTTPRequestSpec(method: "GET", url: url, headers: []))
            // Were the body still gzip, it would not decode as JSON.
            let fields = try JSONDecoder().decode([String: String].self, from: Data(result.body))
            #expect(fields["ae"] == "gzip, deflate")
            #expect(fields["ua"] == HTTPTransport.userAgent)
            #expect(fields["pad"]?.count == 35_000)
            #expect(HTTPTransport.userAgent.hasPrefix("backdeck/0.2.0 (Swift; "))
        } catch {
            await transport.shutdown()
            try await server.close()
            throw error
        }
        await transport.shutdown()
        try await server.close()
    }
}
