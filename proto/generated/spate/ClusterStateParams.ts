// Original file: proto/spate.proto


export interface ClusterStateParams {
}

export interface ClusterStateParams__Output {
}
