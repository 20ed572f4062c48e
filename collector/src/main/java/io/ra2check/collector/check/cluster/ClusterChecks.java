package io.ra2check.collector.check.cluster;

import java.util.List;

/** Every check on the cluster as a whole. */
public final class ClusterChecks {
    private ClusterChecks() {
    }

    public static List<ClusterCheck> all() {
        return List.of(new EtcdMembersCheck(), new ControlPlaneZonesCheck(), new WorkerZonesCheck(),
                new ControlPlaneServicesCheck(), new NetworkPolicyCheck(), new LoadBalancerServiceCheck(),
                new IngressCheck(), new BetaApisCheck(), new CertManagerCheck(), new DefaultPodNetworkCheck(),
                new MultusCheck(), new DualStackCheck(), new NetworkPolicyCniCheck(), new L4LoadBalancerCheck(), new LoadBalancerApiCheck(),
                new GatewayApiCheck(), new EphemeralStorageCheck(), new PersistentVolumesCheck(), new CsiDriverCheck(),
                new StorageClassesCheck(), new HelmPackagesCheck(), new HelmChartsCheck(), new SriovDevicePluginCheck(), new UserPlaneCniCheck(),
                new AcceleratorDevicePluginCheck(), new MetaPluginCniCheck(), new MetaPluginDelegatesCheck(),
                new SecondaryNetworksCniCheck(), new SecondaryIpamCheck());
    }
}
