module example.com/greeters

go 1.19
