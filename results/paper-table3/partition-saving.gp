# cd to this folder, then: gnuplot partition-saving.gp
set terminal svg size 960,520 dynamic font 'Helvetica,12'
set output 'partition-saving.svg'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.75
set grid ytics
set key outside right top
set xtics rotate by -30 nomirror
set datafile separator '\t'
set title 'Edge energy without and with partitioning' noenhanced
set ylabel 'edge energy per inference (mJ)'
set yrange [0:*]
set xrange [-0.6:3.6]
plot 'partition-saving.dat' using 2:xtic(1) title 'without partition' noenhanced, \
     '' using 3 title 'with partition' noenhanced
