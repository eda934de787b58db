import AIGatewayCore

extension AIGateway {
    /// The models the gateway can price: the shipped table plus any override file.
    public var priceTable: PriceTable { prices }
}
