module poollab/bench

go 1.23
