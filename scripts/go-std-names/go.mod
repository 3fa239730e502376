module gostdnames

go 1.23
